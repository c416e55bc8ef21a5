"""HTTP-level pieces wrapped around the Reflex app: security headers and the health route."""
