"""Planning: pure functions of the model that decide what a programme does (matching, circles)."""
