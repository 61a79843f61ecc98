"""Writers for what leaves the package: CSV and Excel tables, the measures workbook, PDF and Word."""
