"""The Qt user interface of CCHC Desktop; depends on the core, never the reverse."""
