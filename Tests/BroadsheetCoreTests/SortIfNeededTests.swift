import BroadsheetCore
import Testing

@Suite struct SortIfNeededTests {
    @Test func sortsOnlyWhatIsOutOfOrder() {
        var paths = ["a/x.md", "a-b.md", "b.md"]
        paths.sortIfNeeded(by: <)
        #expect(paths == ["a-b.md", "a/x.md", "b.md"])
        // Equal neighbours are in order: stable input stays as it is.
        var pairs = [(1, "first"), (1, "second"), (2, "third")]
        pairs.sortIfNeeded { $0.0 < $1.0 }
        #expect(pairs.map(\.1) == ["first", "second", "third"])
        var empty: [Int] = []
        empty.sortIfNeeded(by: <)
        #expect(empty.isEmpty)
    }
}
