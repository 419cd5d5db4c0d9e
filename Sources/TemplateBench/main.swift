import BroadsheetTemplates
import Foundation

// Renders the reference page (`shared/template-bench`) on one thread for about three seconds.

struct NavLink: Decodable, TemplateObject {
    let label: String
    let url: String
    static let templateFields: TemplateFields<Self> = [
        .string("label") { $0.label },
        .string("url") { $0.url },
    ]
}

struct Site: Decodable, TemplateObject {
    let name: String
    let baseURL: String
    let year: Int
    let nav: [NavLink]
    static let templateFields: TemplateFields<Self> = [
        .string("name") { $0.name },
        .string("baseURL") { $0.baseURL },
        .int("year") { $0.year },
        .list("nav") { $0.nav },
    ]
}

struct Item: Decodable, TemplateObject {
    let slug: String
    let title: String
    let url: String
    let summary: String
    let author: String
    let date: String
    let featured: Bool
    static let templateFields: TemplateFields<Self> = [
        .string("slug") { $0.slug },
        .string("title") { $0.title },
        .string("url") { $0.url },
        .string("summary") { $0.summary },
        .string("author") { $0.author },
        .string("date") { $0.date },
        .bool("featured") { $0.featured },
    ]
}

struct Page: Decodable, TemplateObject {
    let title: String
    let date: String
    let site: Site
    let items: [Item]
    static let templateFields: TemplateFields<Self> = [
        .string("title") { $0.title },
        .string("date") { $0.date },
        .object("site") { $0.site },
        .list("items") { $0.items },
    ]
}

/// JSON as the engine's general value, for the byte-for-byte cross-check.
struct GeneralValue: Decodable {
    let value: TemplateValue
    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            value = .object(try object.allKeys.map { ($0.stringValue, try object.decode(GeneralValue.self, forKey: $0).value) })
        } else if var array = try? decoder.unkeyedContainer() {
            var items: [TemplateValue] = []
            while !array.isAtEnd { items.append(try array.decode(GeneralValue.self).value) }
            value = .list(items)
        } else {
            let single = try decoder.singleValueContainer()
            if let b = try? single.decode(Bool.self) { value = .bool(b) }
            else if let i = try? single.decode(Int.self) { value = .int(i) }
            else if let d = try? single.decode(Double.self) { value = .double(d) }
            else if let s = try? single.decode(String.self) { value = .string(s) }
            else { value = .null }
        }
    }
    struct Key: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}

let folder = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "../shared/template-bench")
do {
    let sources = try TemplateSource.load(folder: folder.appendingPathComponent("templates"), displayPrefix: "templates/")
    let set = try TemplateSet(sources: sources, roots: ["page": Page.self])
    let json = try Data(contentsOf: folder.appendingPathComponent("data.json"))
    let page = try JSONDecoder().decode(Page.self, from: json)
    let general = try JSONDecoder().decode(GeneralValue.self, from: json).value

    let typed = try set.render("page", page)
    guard typed == (try set.render("page", value: general)) else {
        print("typed and general renders differ")
        exit(1)
    }

    var buffer: [UInt8] = []
    buffer.reserveCapacity(typed.count * 2)
    var renders = 0
    let clock = ContinuousClock()
    let start = clock.now
    var elapsed = Duration.zero
    while elapsed < .seconds(3) {
        for _ in 0..<100 {
            buffer.removeAll(keepingCapacity: true)
            try set.render("page", page, into: &buffer)
        }
        renders += 100
        elapsed = clock.now - start
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("renders/s: \(Int(Double(renders) / seconds))")
    print("bytes per page: \(typed.count)")
} catch {
    print("error: \(error)")
    exit(1)
}
