"""Models trained by sitroom's own commands and shipped inside the package."""
