"""Rankings of streets, towns and districts (排名) on any figure ecoplan has."""
