"""Scale testing: `flask casework seed-scale` fills a database the size of a national network."""
