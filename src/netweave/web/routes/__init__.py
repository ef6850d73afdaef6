"""The routes of the web app, one module per area; ``api`` modules serve JSON under /api."""
