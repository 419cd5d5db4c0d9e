/// Refuses YAML nested so deeply that parsing it would exhaust a worker thread's stack.
enum NestingGuard {
    static let limit = 64

    /// The nesting depth when it exceeds the limit, else nil. Counts flow brackets and block indentation.
    static func excessiveDepth(in yaml: String) -> Int? {
        var worst = 0
        var flowDepth = 0
        for line in yaml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var indentation = 0
            var dashes = 0
            var atStart = true
            for byte in line {
                switch byte {
                case UInt8(ascii: " ") where atStart: indentation += 1
                case UInt8(ascii: "-") where atStart: dashes += 1
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    atStart = false
                    flowDepth += 1
                    worst = max(worst, flowDepth)
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    atStart = false
                    flowDepth = max(0, flowDepth - 1)
                default: atStart = false
                }
            }
            worst = max(worst, indentation / 2 + dashes)
        }
        return worst > limit ? worst : nil
    }
}
