import ConformFuzzDriver
import Foundation
import ConformShape
import ConformSpec

/// libFuzzer target for the YAML reader (`make fuzz`). Property: any bytes either read to a
/// tree that converts to JSON, or fail with a diagnostic that has a position. A crash, a hang
/// or a diagnostic without a position is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    do {
        _ = try SourceNode.parse(yaml: bytes, file: "fuzz.yaml").jsonValue
    } catch {
        guard let location = error.location, location.line >= 1, location.column >= 1 else {
            fatalError("diagnostic without a position: \(error)")
        }
    }
    return 0
}

/// Runs `fuzzYAML` under libFuzzer or replays files (see `FuzzDriver`).
@main enum FuzzYAML {
    static func main() { FuzzDriver.run(fuzzYAML) }
}
