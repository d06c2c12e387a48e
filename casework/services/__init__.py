"""Services shared by several areas."""
