"""Pure logic of the inspections app (no Django): credit codes, the draw and the planner."""
