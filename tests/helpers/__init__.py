"""Helpers shared by more than one test folder, each written once.

Plain modules rather than conftest.py, so a test imports a helper by one clear name
(`from tests.helpers.screen import wait_for`) and no two folders keep their own copy.
Fixtures live in tests/conftest.py; a folder's own conftest.py holds what only it uses.
"""
