"""Pure rules of monthly reporting (no Django): official working days (`workdays`), what a measure
asks of its units each month and its due state (`duties`), and the assessment scheme (`scoring`)."""
