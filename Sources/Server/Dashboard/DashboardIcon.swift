/// The dashboard's favicon (`/dashboard/icon.svg`).
enum DashboardIcon {
    static let text = #"""
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1a7f37"/><path d="M3 11l3-4 3 3 4-6" stroke="#fff" stroke-width="1.8" fill="none"/></svg>
"""#
}
