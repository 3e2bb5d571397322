"""The practice algorithms of the study companion: review scheduling, mock exams, drills, readiness.

Pure functions over the records in `domain.bank`; time is always passed in (aware UTC
datetimes), never read from the clock. One module per job:

- scheduler: FSRS ratings, with the exam-date cap and the previous state kept for undo
- queue: what to review now (due first, then new items up to the daily limit)
- counts: due and new counts per exam and category (`recert study due`)
- mock: drawing a mock exam by outline weight, its time, its score
- drill: ten questions from the weakest category, marked at once
- readiness: per-category accuracy and mastery against the pass mark, and a verdict
- plan: the daily work to exam day, and today's one-line summary
- last_attempt: booking advice with one attempt left
- stats: reviews, drills and mock exams by category (`recert study stats`)
"""
