"""Monitoring analytics: DuckDB over Parquet, pure (no Django), Spark-portable SQL."""
