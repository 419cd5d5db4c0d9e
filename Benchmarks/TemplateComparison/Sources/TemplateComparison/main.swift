import BroadsheetTemplates
import Foundation
import Mustache

// Renders the reference page with both engines in one process, alternating, and prints both rates.

struct NavLink: Decodable, TemplateObject {
    let label: String, url: String
    static let templateFields: TemplateFields<Self> = [.string("label") { $0.label }, .string("url") { $0.url }]
}

struct Site: Decodable, TemplateObject {
    let name: String, baseURL: String, year: Int, nav: [NavLink]
    static let templateFields: TemplateFields<Self> = [
        .string("name") { $0.name }, .string("baseURL") { $0.baseURL }, .int("year") { $0.year }, .list("nav") { $0.nav },
    ]
}

struct Item: Decodable, TemplateObject {
    let slug: String, title: String, url: String, summary: String, author: String, date: String, featured: Bool
    static let templateFields: TemplateFields<Self> = [
        .string("slug") { $0.slug }, .string("title") { $0.title }, .string("url") { $0.url },
        .string("summary") { $0.summary }, .string("author") { $0.author }, .string("date") { $0.date },
        .bool("featured") { $0.featured },
    ]
}

struct Page: Decodable, TemplateObject {
    let title: String, date: String, site: Site, items: [Item]
    static let templateFields: TemplateFields<Self> = [
        .string("title") { $0.title }, .string("date") { $0.date }, .object("site") { $0.site }, .list("items") { $0.items },
    ]
}

func rate(seconds: Double, _ body: () throws -> Void) rethrows -> (renders: Int, elapsed: Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    var renders = 0
    while clock.now - start < .milliseconds(Int64(seconds * 1000)) {
        for _ in 0..<20 { try body() }
        renders += 20
    }
    return (renders, clock.now - start)
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

let folder = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "../../../shared/template-bench")
let templatesFolder = folder.appendingPathComponent("templates")
let sources = try TemplateSource.load(folder: templatesFolder, displayPrefix: "templates/")
let set = try TemplateSet(sources: sources, roots: ["page": Page.self])
let json = try Data(contentsOf: folder.appendingPathComponent("data.json"))
let page = try JSONDecoder().decode(Page.self, from: json)
let dictionary = try JSONSerialization.jsonObject(with: json)

var templates: [String: MustacheTemplate] = [:]
for source in sources { templates[source.name] = try MustacheTemplate(string: source.text) }
let library = MustacheLibrary(templates: templates)

let ours = String(decoding: try set.render("page", page), as: UTF8.self)
let theirs = library.render(dictionary, withTemplate: "page") ?? ""
print("output: ours \(ours.utf8.count) bytes, swift-mustache \(theirs.utf8.count) bytes, identical: \(ours == theirs)")

var buffer: [UInt8] = []
buffer.reserveCapacity(16384)
var oursTotal = (renders: 0, seconds: 0.0), theirsTotal = (renders: 0, seconds: 0.0)
for _ in 0..<3 {
    let a = try rate(seconds: 1) {
        buffer.removeAll(keepingCapacity: true)
        try set.render("page", page, into: &buffer)
    }
    oursTotal = (oursTotal.renders + a.renders, oursTotal.seconds + seconds(a.elapsed))
    let b = rate(seconds: 1) { _ = library.render(dictionary, withTemplate: "page") }
    theirsTotal = (theirsTotal.renders + b.renders, theirsTotal.seconds + seconds(b.elapsed))
}
let oursRate = Double(oursTotal.renders) / oursTotal.seconds
let theirsRate = Double(theirsTotal.renders) / theirsTotal.seconds
print("BroadsheetTemplates (typed): \(Int(oursRate)) renders/s")
print("swift-mustache (dictionaries): \(Int(theirsRate)) renders/s")
print("ratio: \(String(format: "%.1f", oursRate / theirsRate))x")
