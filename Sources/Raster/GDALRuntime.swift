import Foundation
import GDALShim

/// Process-wide GDAL set-up (drivers registered once, quiet error handler, sane defaults) and
/// access to GDAL's per-thread error state.
public enum GDALRuntime {
    private static let initialized: Bool = {
        geotool_install_error_handler()
        GDALAllRegister()
        // Never write .aux.xml side-car files next to users' inputs.
        CPLSetConfigOption("GDAL_PAM_ENABLED", "NO")
        return true
    }()

    /// Registers drivers and installs the error handler; every entry point calls it.
    public static func ensureInitialized() { _ = initialized }

    /// The GDAL library version, e.g. "3.6.2".
    public static var version: String {
        ensureInitialized()
        return String(cString: GDALVersionInfo("RELEASE_NAME"))
    }

    /// Clears this thread's GDAL error state (call before an operation whose error you will read).
    static func resetError() { CPLErrorReset() }

    /// This thread's last GDAL error message, or `fallback` when GDAL recorded none.
    static func lastErrorMessage(or fallback: String) -> String {
        let msg = String(cString: CPLGetLastErrorMsg()).trimmingCharacters(in: .whitespacesAndNewlines)
        return msg.isEmpty ? fallback : msg
    }

    /// Whether GDAL recorded a failure (CE_Failure or CE_Fatal) since the last reset.
    static var lastCallFailed: Bool { CPLGetLastErrorType().rawValue >= CE_Failure.rawValue }
}

