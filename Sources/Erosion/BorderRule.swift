/// What D8 does with a cell on the grid border (or next to nodata) that has no lower neighbour.
public enum BorderRule: String, Sendable, Codable, CaseIterable {
    /// pysheds: cells outside the grid and nodata cells are ignored, so a border cell flows inward
    /// when it has a lower in-grid neighbour and is otherwise a sink (code 0).
    case pysheds
    /// TauDEM / richdem style (the **default** in `Terrain`): a border or nodata-adjacent cell
    /// with no lower valid neighbour drains off the grid, its code pointing at the first
    /// outside/nodata neighbour in scan order (its receiver is "none"). Consistent with
    /// Priority-Flood, which treats those cells as outlets. Interior cells are unaffected.
    case drainOffGrid = "drain-off-grid"
}
