"""Writers for the tables and documents that leave the package (CSV, Excel; PDF and Word later)."""
