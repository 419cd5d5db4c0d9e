import BroadsheetCore
import Testing

@Suite struct ExcerptTests {
    @Test func shortTextIsKept() {
        #expect(Excerpt.shorten("A short paragraph.", limit: 40) == "A short paragraph.")
        let exact = String(repeating: "a", count: 40)
        #expect(Excerpt.shorten(exact, limit: 40) == exact)
    }

    @Test func longTextIsCutAtAWordWithinTheLimit() {
        let text = "The council met at noon and agreed on the budget for the coming year."
        let cut = Excerpt.shorten(text, limit: 30)
        #expect(cut == "The council met at noon and…")
        #expect(cut.count <= 30)
    }

    @Test func charactersAreCountedNotBytes() {
        // 20 three-byte characters: 60 bytes, but within a 25-character limit.
        let kana = String(repeating: "あ", count: 20)
        #expect(Excerpt.shorten(kana, limit: 25) == kana)
        // A family emoji is one character of several scalars.
        let family = String(repeating: "👨‍👩‍👧 ", count: 10)
        let cut = Excerpt.shorten(family, limit: 12)
        #expect(cut.count <= 12)
        #expect(cut.hasSuffix("…"))
        #expect(cut.hasPrefix("👨‍👩‍👧 👨‍👩‍👧"))
    }

    @Test(arguments: [10, 25, 80, 280])
    func shorteningTwiceChangesNothing(limit: Int) {
        let text = String(repeating: "Word’s “quoted” café ", count: 30)
        let once = Excerpt.shorten(text, limit: limit)
        #expect(Excerpt.shorten(once, limit: limit) == once)
        #expect(once.count <= limit)
    }

    @Test func aTextWithoutSpacesIsCutAtTheLimit() {
        let cut = Excerpt.shorten(String(repeating: "x", count: 50), limit: 10)
        #expect(cut == String(repeating: "x", count: 9) + "…")
    }
}
