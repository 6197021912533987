/// A dense matrix of `Double` stored column by column (Fortran/LAPACK order).
///
/// Element `(i, j)` lives at `elements[i + j * rows]`. The type is a value: copies are
/// independent, and factorisations take a copy rather than overwrite their input.
///
/// ```swift
/// let x = Matrix(columns: [[1, 1, 1], [1, 2, 3]])   // 3 × 2
/// x[2, 1]                                          // 3
/// ```
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements in column-major order (`rows * columns` of them).
    public internal(set) var elements: [Double]

    /// A `rows × columns` matrix with every element equal to `value`.
    ///
    /// - Precondition: `rows >= 0` and `columns >= 0`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// A matrix from column-major elements.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when `elements.count != rows * columns`.
    public init(rows: Int, columns: Int, columnMajor elements: [Double]) throws(LinearAlgebraError) {
        guard rows >= 0, columns >= 0, elements.count == rows * columns else {
            throw .dimensionMismatch(
                "\(elements.count) elements cannot fill a \(rows) × \(columns) matrix")
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix whose columns are the given arrays.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the columns differ in length.
    public init(columns: [[Double]]) throws(LinearAlgebraError) {
        let m = columns.first?.count ?? 0
        guard columns.allSatisfy({ $0.count == m }) else {
            throw .dimensionMismatch("columns of different lengths")
        }
        self.rows = m
        self.columns = columns.count
        self.elements = columns.flatMap { $0 }
    }

    /// A matrix whose rows are the given arrays.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the rows differ in length.
    public init(rows: [[Double]]) throws(LinearAlgebraError) {
        let n = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == n }) else {
            throw .dimensionMismatch("rows of different lengths")
        }
        self.rows = rows.count
        self.columns = n
        var elements = [Double](repeating: 0, count: rows.count * n)
        for (i, row) in rows.enumerated() {
            for (j, value) in row.enumerated() { elements[i + j * rows.count] = value }
        }
        self.elements = elements
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.elements[i + i * n] = 1 }
        return m
    }

    /// Element at row `i`, column `j` (both 0-based).
    public subscript(i: Int, j: Int) -> Double {
        get { elements[i + j * rows] }
        set { elements[i + j * rows] = newValue }
    }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        Array(elements[(j * rows)..<((j + 1) * rows)])
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { elements[i + $0 * rows] }
    }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { t.elements[j + i * columns] = elements[i + j * rows] }
        }
        return t
    }

    /// Whether every element is finite (no NaN or infinity).
    public var isFinite: Bool { elements.allSatisfy(\.isFinite) }
}
