extension Array {
    /// Sorts the array unless it is in order already: for lists that nearly always come sorted (a folder
    /// walk, a cache file written from one), checking costs a fraction of sorting. Inlinable, so callers in
    /// other modules get it specialised for their element type instead of a generic call per comparison.
    @inlinable
    public mutating func sortIfNeeded(by areInIncreasingOrder: (Element, Element) -> Bool) {
        guard !zip(self, dropFirst()).allSatisfy({ !areInIncreasingOrder($1, $0) }) else { return }
        sort(by: areInIncreasingOrder)
    }
}
