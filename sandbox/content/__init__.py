"""Site vitrine content shared by the public site and the back office: block rendering and reading queries."""
