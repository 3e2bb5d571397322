"""Shipped data: the rule catalog (credentials/*.toml) and the demo profile (demo/)."""
