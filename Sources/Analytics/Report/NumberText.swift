/// Formats numbers without a locale, so the report reads the same on every machine.
///
/// Foundation's formatters follow the host locale (`1.234,5` in Germany); a
/// postmortem that compares against a golden file and against the incidents JSON
/// must not.
public enum NumberText {
    /// `481233` -> `481,233`.
    public static func grouped<T: BinaryInteger>(_ value: T) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// `value` rounded half away from zero to `decimals` places: `fixed(0.5, decimals: 2)` -> `0.50`.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "n/a" }
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(value) * Double(scale)).rounded(.toNearestOrAwayFromZero))
        let whole = scaled / scale
        let fraction = scaled % scale
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + grouped(whole) }
        let fractionText = String(fraction)
        return sign + grouped(whole) + "." + String(repeating: "0", count: decimals - fractionText.count) + fractionText
    }

    /// Money in dollars with cents: `32.5` -> `$32.50`, `1280` -> `$1,280.00`.
    public static func dollars(_ value: Double) -> String { "$" + fixed(value, decimals: 2) }

    /// A rate as the report prints it: two decimals, more when that would print zero
    /// for a value that is not (`0.004` -> `0.004`).
    public static func rate(_ value: Double) -> String {
        if value == 0 || abs(value) >= 0.01 { return fixed(value, decimals: 2) }
        return fixed(value, decimals: 3)
    }

    /// A share of a whole as a whole percent: `share(4, of: 9)` -> `44%`.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0%" }
        return fixed(Double(part) * 100 / Double(whole), decimals: 0) + "%"
    }

    /// A confidence in 0...1 as a whole percent: `0.95` -> `95%`.
    public static func confidence(_ value: Double) -> String { fixed(value * 100, decimals: 0) + "%" }

    /// How many times `value` is `reference`: `50x`, `2.5x`, `0.4x`; n/a without a reference.
    public static func multiple(_ value: Double, of reference: Double) -> String {
        guard reference > 0, value.isFinite else { return "n/a" }
        let ratio = value / reference
        return (ratio >= 10 ? fixed(ratio, decimals: 0) : fixed(ratio, decimals: 1)) + "x"
    }

    /// `1 crash`, `3 crashes`: a count with its noun.
    public static func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(grouped(value)) \(value == 1 ? singular : plural)"
    }
}
