import Foundation
import Synchronization

/// Values kept alive until the process exits.
///
/// A one-shot command that built a large archive's model would otherwise free it object by object just
/// before exiting, which costs a rebuild of 10,000 entries about a tenth of its time; the kernel takes
/// the memory back at exit in one go (compilers skip freeing for the same reason).
public enum ProcessLifetime {
    private static let kept = Mutex<[any Sendable]>([])

    /// Keeps `value` alive until the process exits.
    public static func keep(_ value: any Sendable) {
        kept.withLock { $0.append(value) }
    }

    /// Frees `value` (when the caller holds no other reference to it) on a thread of its own: the preview
    /// server answers with a build's result without first freeing the model, object by object.
    public static func freeInBackground(_ value: any Sendable) {
        let held = Held(value)
        Thread { held.value.withLock { $0 = nil } }.start()
    }

    private final class Held: Sendable {
        let value: Mutex<(any Sendable)?>
        init(_ value: any Sendable) { self.value = Mutex(value) }
    }
}
