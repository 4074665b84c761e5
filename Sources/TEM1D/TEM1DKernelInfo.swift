import TEM1DKernel

/// Which variant of the λ-sum kernel (`TEM1DKernel`, C) runs on this CPU: AVX2 + FMA where the CPU has both,
/// a generic build otherwise. Results of the two agree to rounding (FMA contracts a·b + c), not bit for bit; on one
/// machine the choice is fixed, so results are deterministic there.
public enum TEM1DKernelInfo {
    /// "avx2+fma" or "generic".
    public static var instructionSet: String { String(cString: tem1d_kernel_isa()) }

    /// Forces the generic kernel (true) or restores the automatic choice (false), process-wide. For tests and
    /// benchmarks; call it before starting workers.
    public static func forceGeneric(_ force: Bool) { tem1d_kernel_force_generic(force ? 1 : 0) }
}
