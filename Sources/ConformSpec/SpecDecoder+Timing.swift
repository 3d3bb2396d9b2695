/// `expect.time`, `retry: { until, every, for }` and the durations they are written in.
extension SpecDecoder {
    static let pollKeys = ["until", "every", "for"]

    func decodeTime(_ node: SourceNode, context: String) -> TimeExpectation? {
        guard let reader = MappingReader(node, context: context, allowed: ["max"], sink: sink),
            let maxNode = reader.required("max"), let seconds = duration(maxNode, "\(context).max")
        else { return nil }
        return TimeExpectation(maxSeconds: seconds, location: maxNode.location)
    }

    func decodePoll(_ node: SourceNode, context: String) -> PollPolicy? {
        guard let reader = MappingReader(node, context: context, allowed: Self.pollKeys, sink: sink) else { return nil }
        let until = reader.required("until").map { decodeExpectation($0, context: "\(context).until") }
        let interval = reader.required("every").flatMap { duration($0, "\(context).every") }
        let limit = reader.required("for").flatMap { duration($0, "\(context).for") }
        guard let until, let interval, let limit else { return nil }
        if until.status == nil && until.headers.isEmpty && until.shape == nil && until.values.isEmpty && until.body == nil
            && until.time == nil
        {
            sink.add(Diagnostic(.invalidValue, "`\(context).until` states nothing to wait for", at: node.location))
            return nil
        }
        if until.shape != nil {
            // A shape's `$ref`s are compiled with the case's own; keeping `until` to cheap,
            // exact checks keeps each attempt's verdict obvious.
            sink.add(Diagnostic(.invalidValue, "`\(context).until` takes status, headers, values, body and time; check shapes in `expect`",
                                at: node.location))
            return nil
        }
        if interval > limit {
            sink.add(Diagnostic(.invalidValue, "`every` (\(interval) s) is longer than `for` (\(limit) s): there would be one attempt",
                                at: node.location))
            return nil
        }
        return PollPolicy(until: until, interval: interval, limit: limit, location: node.location)
    }

    /// `500ms`, `1.5s`, `2m`, or a bare number of seconds (as `timeout` takes), within
    /// `RequestTimeout`'s bounds.
    func duration(_ node: SourceNode, _ what: String) -> Double? {
        if case .scalar(let scalar) = node, let seconds = Self.seconds(fromDuration: scalar.text), RequestTimeout.isValid(seconds) {
            return seconds
        }
        sink.add(Diagnostic(.invalidValue, "`\(what)` is a duration such as 500ms, 2s or 1m (from 1ms to 24h)", at: node.location))
        return nil
    }

    static func seconds(fromDuration text: String) -> Double? {
        let units: [(suffix: String, factor: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let value = Double(number) else { return nil }
            return value * factor
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        return Double(text)
    }
}
