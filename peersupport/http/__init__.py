"""The HTTP layer around the Reflex app: security headers, the pages rendered on the
server (home, help, safe use, about, the lists, the stories, the first aid), robots and
sitemap, the health route, the vault's file routes and the offline and trace pages."""
