"""National standards as versioned data (packs/*.toml) and one small function per rule.

Pure Python: no Django, no dataframes.  ``packs.rules_for(day)`` gives the rule set in force on a
day; every computed figure records the rule set's id so 2012 and 2026 results sit side by side.
"""
