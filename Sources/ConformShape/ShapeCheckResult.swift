/// One way an instance breaks its schema: where, which keyword, what was expected and found.
///
/// `expected` and `actual` are short phrases for people (`integer`, `string "5"`,
/// `property "updated_at" (string)`, `missing`); `message` is the one-line sentence a report
/// shows, and already contains the path.
public struct ShapeMismatch: Sendable, Hashable, CustomStringConvertible {
    /// Where in the instance, e.g. `$.objects[0].status.key`.
    public let path: JSONPath
    /// The schema keyword that failed (`type`, `required`, `enum`, ...), or `unknown` for an
    /// undeclared property rejected in strict mode.
    public let keyword: String
    public let expected: String
    public let actual: String
    /// The schema document and the JSON Pointer of the failing keyword.
    public let schemaLocation: SchemaLocation
    public internal(set) var message: String
    /// For a missing required member: the undeclared member at the same object that probably
    /// replaced it (its value fits the missing one's schema), as `message` also says.
    public internal(set) var renamedTo: String? = nil
    /// `true` when the check could not be decided rather than failed: a `pattern` whose match
    /// ran over its step budget (or was cancelled). Report it as an error, not a contract
    /// failure — and never as a pass.
    public let isError: Bool

    public init(path: JSONPath, keyword: String, expected: String, actual: String,
        schemaLocation: SchemaLocation, message: String? = nil, isError: Bool = false)
    {
        self.isError = isError
        self.path = path
        self.keyword = keyword
        self.expected = expected
        self.actual = actual
        self.schemaLocation = schemaLocation
        self.message = message ?? "\(path): expected \(expected), actual \(actual)"
    }

    public var description: String { message }
}

/// A property the instance has but no schema that applied at its object declares.
///
/// Under the contract rule this is not a failure: servers may add fields. It is recorded so a
/// report can show what changed ("unknown field `$.objects[0].created_by` (string)").
public struct ShapeDrift: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The undeclared property, e.g. `$.objects[0].created_by`.
    public let path: JSONPath
    /// Its JSON type as `typeDescription` names it (`string`, `integer`, `object`...).
    public let type: String
    /// A required property that is missing next to this one and whose declared schema this
    /// value satisfies: the field was probably renamed from that name.
    public internal(set) var probableRenameOf: String?

    public init(path: JSONPath, type: String, probableRenameOf: String? = nil) {
        self.path = path
        self.type = type
        self.probableRenameOf = probableRenameOf
    }

    public var description: String {
        var text = "unknown field `\(path)` (\(type))"
        if let probableRenameOf { text += "; probably `\(probableRenameOf)` renamed" }
        return text
    }

    public static func < (lhs: ShapeDrift, rhs: ShapeDrift) -> Bool { lhs.path < rhs.path }
}

/// How to check an instance.
public struct ShapeCheckOptions: Sendable, Hashable {
    /// Strict mode (`--strict-unknown`, `unknown: reject`): every drift record becomes a
    /// mismatch with keyword `unknown`. An explicit `additionalProperties` (`true` or a
    /// schema) still allows what it allows: the schema's author said so.
    public var rejectUnknown: Bool
    /// How many schema applications may nest (e.g. a recursive `$ref` per level of a deep
    /// instance) before the check gives up with a mismatch instead of risking the stack.
    public var maximumDepth: Int
    /// Mismatches kept; the rest are counted (`ShapeCheckResult.mismatchesOmitted`).
    public var maximumMismatches: Int
    /// Undeclared members kept per object; the rest are counted (`ShapeCheckResult.driftOmitted`).
    /// With this bound a 500,000-member object costs its parse, not half a million records.
    public var maximumDriftPerObject: Int
    /// The step budget of one `pattern` match that needs backtracking (a pattern with
    /// backreferences); past it the check reports an error mismatch. Other patterns run in
    /// linear time and need no budget.
    public var patternStepBudget: Int
    /// The backtracking steps all `pattern` matches of one check may take together, so that a
    /// response of many hostile strings costs one bounded amount, not one budget per string.
    /// Once spent, every further backtracking match is undecided (an error mismatch).
    public var patternStepBudgetPerCheck: Int

    public init(rejectUnknown: Bool = false, maximumDepth: Int = 256, maximumMismatches: Int = 200,
                maximumDriftPerObject: Int = 1000, patternStepBudget: Int = CompiledPattern.defaultStepBudget,
                patternStepBudgetPerCheck: Int = 10 * CompiledPattern.defaultStepBudget) {
        self.rejectUnknown = rejectUnknown
        self.maximumDepth = maximumDepth
        self.maximumMismatches = maximumMismatches
        self.maximumDriftPerObject = maximumDriftPerObject
        self.patternStepBudget = patternStepBudget
        self.patternStepBudgetPerCheck = patternStepBudgetPerCheck
    }

    public static let `default` = ShapeCheckOptions()
}

/// The outcome of checking one instance: every mismatch (not only the first) and the drift.
public struct ShapeCheckResult: Sendable, Hashable {
    /// Sorted by instance path; mismatches at the same path keep schema order.
    public let mismatches: [ShapeMismatch]
    /// Sorted by path, each property once. Empty in strict mode (drift became mismatches).
    public let drift: [ShapeDrift]
    /// Mismatches found beyond `ShapeCheckOptions.maximumMismatches`: counted, not listed.
    public let mismatchesOmitted: Int
    /// Undeclared members beyond `ShapeCheckOptions.maximumDriftPerObject`: counted, not listed.
    public let driftOmitted: Int

    public init(mismatches: [ShapeMismatch], drift: [ShapeDrift], mismatchesOmitted: Int = 0, driftOmitted: Int = 0) {
        self.mismatches = mismatches
        self.drift = drift
        self.mismatchesOmitted = mismatchesOmitted
        self.driftOmitted = driftOmitted
    }

    /// `true` when nothing failed; drift alone never fails a check.
    public var passed: Bool { mismatches.isEmpty && mismatchesOmitted == 0 }
}
