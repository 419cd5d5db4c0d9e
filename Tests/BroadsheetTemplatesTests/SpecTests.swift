import BroadsheetTemplates
import Foundation
import Testing

/// One case of the official Mustache spec.
struct SpecCase: Decodable, CustomTestStringConvertible, Sendable {
    let file: String
    let name: String
    let template: String
    let partials: [String: String]
    let expected: String
    let dataJSON: Data

    var testDescription: String { "\(file): \(name)" }

    private enum Keys: String, CodingKey { case name, template, partials, expected, data }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        file = ""
        name = try c.decode(String.self, forKey: .name)
        template = try c.decode(String.self, forKey: .template)
        partials = try c.decodeIfPresent([String: String].self, forKey: .partials) ?? [:]
        expected = try c.decode(String.self, forKey: .expected)
        dataJSON = Data()
    }

    init(file: String, decoded: SpecCase, data: Data) {
        self.file = file
        name = decoded.name
        template = decoded.template
        partials = decoded.partials
        expected = decoded.expected
        dataJSON = data
    }

    /// The spec folder sits beside the repository: `<repo>/../shared/mustache-spec`.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/mustache-spec")

    static let files = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]

    static func load() throws -> [SpecCase] {
        var cases: [SpecCase] = []
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent("\(file).json"))
            struct Suite: Decodable { let tests: [SpecCase] }
            let suite = try JSONDecoder().decode(Suite.self, from: data)
            // Each case's data is decoded separately so it can become a TemplateValue.
            let raw = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            let tests = raw["tests"] as! [[String: Any]]
            for (decoded, test) in zip(suite.tests, tests) {
                let json = try JSONSerialization.data(withJSONObject: ["data": test["data"]!], options: [.fragmentsAllowed])
                cases.append(SpecCase(file: file, decoded: decoded, data: json))
            }
        }
        return cases
    }

    static let all: [SpecCase] = (try? load()) ?? []
}

@Suite("Mustache spec")
struct SpecTests {
    @Test func allCasesAreLoaded() {
        #expect(SpecCase.all.count == 163)
    }

    @Test(arguments: SpecCase.all)
    func conforms(_ spec: SpecCase) throws {
        struct Wrapper: Decodable { let data: JSONValue }
        let data = try JSONDecoder().decode(Wrapper.self, from: spec.dataJSON).data.value
        var sources = [TemplateSource(name: "__main__", path: "\(spec.name).mustache", text: spec.template)]
        for (name, text) in spec.partials.sorted(by: { $0.key < $1.key }) {
            sources.append(TemplateSource(name: name, path: "\(name).mustache", text: text))
        }
        let set = try TemplateSet(sources: sources)
        let output = try set.render("__main__", value: data)
        #expect(String(decoding: output, as: UTF8.self) == spec.expected)
    }
}
