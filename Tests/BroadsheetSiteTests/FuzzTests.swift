import BroadsheetBuild
import BroadsheetCore
import Foundation
import TestSupport
import Testing

/// Thousands of mutated entries built as one site: the build must finish with a result, never crash or hang.
@Suite struct FuzzTests {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed from its seed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    static let seed: [UInt8] = Array("""
        ---
        title: "Port strike: day 3"
        date: 2025-01-14T07:30:00+09:00
        tags: [Labour, Transport]
        sources:
          - The Harbour Ledger
        summary: Cranes stand idle.
        ---
        **Around 1,400 dockers** stayed out, [the Ledger](https://example.org) says.[^1]

        | a | b |
        |---|---|
        | 1 | 2 |

        [^1]: A note.

        """.utf8)

    static func mutate(_ bytes: [UInt8], _ random: inout Generator) -> [UInt8] {
        var bytes = bytes
        switch random.below(9) {
        case 0:  // random bytes sprinkled in
            for _ in 0..<(1 + random.below(8)) where !bytes.isEmpty {
                bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
            }
        case 1:  // truncation
            bytes = Array(bytes.prefix(random.below(bytes.count + 1)))
        case 2:  // deep YAML nesting
            let depth = 1 + random.below(400)
            bytes = Array("---\ntitle: x\ndate: 2025-01-01\ntags: \(String(repeating: "[", count: depth))a\(String(repeating: "]", count: random.below(depth + 1)))\n---\n".utf8)
        case 3:  // a huge line
            bytes += Array(String(repeating: "é*_[`<", count: 5_000 + random.below(20_000)).utf8)
        case 4:  // odd Unicode in the title
            let odd = ["\u{202E}", "\u{0}", "\u{FEFF}", "👩‍👩‍👧", "\u{1B}[31m", "𝕏", "\u{300}\u{300}", "\u{D7FF}"]
            bytes = Array("---\ntitle: \"\(odd[random.below(odd.count)])\(odd[random.below(odd.count)])\"\ndate: 2025-01-0\(1 + random.below(9))\ntags: [\"\(odd[random.below(odd.count)])x\"]\n---\nbody\n".utf8)
        case 5:  // lines shuffled
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            for index in lines.indices.reversed() where index > 0 { lines.swapAt(index, random.below(index + 1)) }
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        case 6:  // YAML anchors and aliases
            bytes = Array("---\nbase: &a [x, y]\ntitle: *a\ndate: *a\ntags: [*a, *a]\n---\n".utf8)
        case 7:  // random garbage of random length
            bytes = (0..<random.below(600)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        default:  // byte deleted or duplicated
            if !bytes.isEmpty {
                let index = random.below(bytes.count)
                if random.below(2) == 0 { bytes.remove(at: index) } else { bytes.insert(bytes[index], at: index) }
            }
        }
        return bytes
    }

    @Test func mutatedEntriesNeverCrashTheBuild() async throws {
        let site = try TestSite("")
        defer { site.delete() }
        var random = Generator(state: 20_251_127)
        let count = 2_000
        for index in 0..<count {
            let bytes = Self.mutate(Self.seed, &random)
            try site.write("Content/2025/01/\(index % 28 + 1 < 10 ? "0" : "")\(index % 28 + 1)/fuzz-\(index).md", bytes: bytes)
        }
        let outcome: Diagnostics
        do {
            outcome = try await site.build().diagnostics
        } catch {
            outcome = error.diagnostics
            #expect(error.diagnostics.hasErrors)
        }
        // Every problem names a real file of the site and a line in it.
        for diagnostic in outcome.all {
            #expect(diagnostic.location.file.hasPrefix("Content/"), "\(diagnostic.location.file)")
            #expect(diagnostic.location.line >= 0)
        }
    }
}
