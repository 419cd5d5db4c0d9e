import BroadsheetTemplates
import Testing

@Suite("HTML escaping")
struct EscapingTests {
    private func reference(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    @Test func matchesAReferenceAtEveryPositionAndLength() throws {
        let set = try TemplateSet(sources: [TemplateSource(name: "t", path: "t.mustache", text: "{{s}}|{{{s}}}")])
        let alphabet = Array("ab <>&\"'é—0123456789xyz")
        var generator = SystemRandomNumberGenerator()
        for length in 0..<40 {
            for _ in 0..<8 {
                let s = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
                let out = String(decoding: try set.render("t", value: ["s": .string(s)]), as: UTF8.self)
                #expect(out == reference(s) + "|" + s)
            }
        }
    }

    @Test func standaloneEscapingMatchesTheTemplateOutput() {
        for text in ["", "plain", "<script>alert('x') & \"y\"</script>", "é—日本 <b>", String(repeating: "a&", count: 40)] {
            #expect(HTMLEscaping.escape(text) == reference(text))
        }
    }
}
