import Foundation

/// Minimal complex number for the kernel's inner loops (internal; swift-numerics is deliberately not a dependency).
struct Complex: Sendable, Equatable {
    var re: Double
    var im: Double

    @inline(__always) init(_ re: Double, _ im: Double = 0) {
        self.re = re
        self.im = im
    }

    static let zero = Complex(0, 0)
    static let one = Complex(1, 0)

    @inline(__always) static func + (a: Complex, b: Complex) -> Complex { Complex(a.re + b.re, a.im + b.im) }
    @inline(__always) static func - (a: Complex, b: Complex) -> Complex { Complex(a.re - b.re, a.im - b.im) }
    @inline(__always) static func * (a: Complex, b: Complex) -> Complex {
        Complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    @inline(__always) static func * (a: Double, b: Complex) -> Complex { Complex(a * b.re, a * b.im) }
    @inline(__always) static func + (a: Double, b: Complex) -> Complex { Complex(a + b.re, b.im) }
    @inline(__always) static func - (a: Double, b: Complex) -> Complex { Complex(a - b.re, -b.im) }
    /// Division via the reciprocal of |b|² (branch-free; magnitudes in this module are far from over/underflow).
    @inline(__always) static func / (a: Complex, b: Complex) -> Complex {
        let d = 1.0 / (b.re * b.re + b.im * b.im)
        return Complex((a.re * b.re + a.im * b.im) * d, (a.im * b.re - a.re * b.im) * d)
    }
    @inline(__always) static func += (a: inout Complex, b: Complex) { a = a + b }

    @inline(__always) var magnitude: Double { (re * re + im * im).squareRoot() }
    @inline(__always) var conjugate: Complex { Complex(re, -im) }

    /// Principal square root (branch cut on the negative real axis, result has Re ≥ 0).
    @inline(__always) var squareRoot: Complex {
        let r = (re * re + im * im).squareRoot()
        if r == 0 { return .zero }
        let t = ((r + abs(re)) * 0.5).squareRoot()
        if re >= 0 {
            return Complex(t, im / (2 * t))
        } else {
            return Complex(abs(im) / (2 * t), im < 0 ? -t : t)
        }
    }

    /// e^z.
    @inline(__always) var exp: Complex {
        let m = Foundation.exp(re)
        return Complex(m * cos(im), m * sin(im))
    }
}
