"""Reports: gradebook -> pandas tables -> CSV and HTML for trainers."""
