"""Local-only tooling: the template -> emulator bridge, the demo flow. The Lambda never imports this package."""
