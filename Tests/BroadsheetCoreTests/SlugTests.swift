import BroadsheetCore
import Testing

@Suite struct SlugTests {
    @Test(arguments: [
        ("Kōmeitō", "komeito"), ("Economy & Trade", "economy-trade"), ("日本", "日本"),
        ("  Port strike: day 3!  ", "port-strike-day-3"), ("Straße", "strasse"), ("Ærø", "aero"),
        ("Économie locale", "economie-locale"), ("COVID-19", "covid-19"), ("Covid 19", "covid-19"),
        ("C++", "c"), ("がっこう", "がっこう"), ("Москва", "москва"),
    ])
    func slugifies(_ input: String, _ expected: String) {
        #expect(Slug(from: input)?.value == expected)
    }

    @Test(arguments: ["", "...", "../", "/", "\u{0}", "\u{7}", "---", "#&!"])
    func refusesNamesWithNothingReadable(_ input: String) {
        #expect(Slug(from: input) == nil)
    }

    @Test(arguments: ["../etc/passwd", ".hidden", "a/b", "a\\b", "with\u{0}nul", "x\u{1b}[31m"])
    func hostileNamesNeverKeepPathCharacters(_ input: String) throws {
        let slug = try #require(Slug(from: input))
        #expect(!slug.value.contains("/") && !slug.value.contains(".") && !slug.value.contains("\\"))
        #expect(slug.value.unicodeScalars.allSatisfy { $0.value >= 0x20 })
        #expect(Slug(validating: input) == nil)
    }

    @Test func validatingAcceptsOnlyFinishedSlugs() {
        #expect(Slug(validating: "port-strike")?.value == "port-strike")
        #expect(Slug(validating: "Port-Strike") == nil)
    }

    @Test func percentEncodesOtherScripts() {
        #expect(Slug(from: "日本")?.urlEncoded == "%E6%97%A5%E6%9C%AC")
        #expect(Slug(from: "economy")?.urlEncoded == "economy")
    }

    @Test func sitePathsStayInside() {
        #expect(SitePath("2024/03/05/x.html") != nil)
        #expect(SitePath("../x") == nil)
        #expect(SitePath("/etc/passwd") == nil)
        #expect(SitePath("a//b") == nil)
        #expect(SitePath("a/./b") == nil)
        #expect(SitePath("a/.git/b") == nil)
        #expect(SitePath("") == nil)
        #expect(SitePath("a/") == nil)
        #expect(SitePath("a/..") == nil)
        #expect(SitePath("a\\b") == nil)
        #expect(SitePath("a/b\u{0}c") == nil)
        #expect(SitePath("a/b\nc") == nil)
        #expect(SitePath("a/b\u{7F}") == nil)
        #expect(SitePath(".well-known/security.txt") != nil)
        #expect(SitePath(".well-knownx/a") == nil)
        #expect(SitePath("tags/日本/index.html") != nil)
        #expect(SitePath("x") != nil)
    }

    @Test func suggestsNearMisses() {
        #expect(Suggestion.nearest(to: "tag", in: ["title", "date", "tags", "sources"]) == "tags")
        #expect(Suggestion.nearest(to: "Title", in: ["title", "date", "tags"]) == "title")
        #expect(Suggestion.nearest(to: "zzzzzz", in: ["title", "date"]) == nil)
    }
}

@Suite struct SuggestionTests {
    @Test func countsASwapOfNeighboursAsOneEdit() {
        #expect(Suggestion.editDistance(Array("titel"), Array("title")) == 1)
        #expect(Suggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(Suggestion.nearest(to: "titel", in: ["title", "tags"]) == "title")
    }
}
