extension Matrix {
    /// The product `self · vector`.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when `vector.count != columns`.
    public func multiplied(by vector: [Double]) throws(LinearAlgebraError) -> [Double] {
        guard vector.count == columns else {
            throw .dimensionMismatch("a \(rows) × \(columns) matrix times a vector of \(vector.count)")
        }
        var result = [Double](repeating: 0, count: rows)
        for j in 0..<columns where vector[j] != 0 {
            let v = vector[j]
            let base = j * rows
            for i in 0..<rows { result[i] += elements[base + i] * v }
        }
        return result
    }

    /// The product `self · other`.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the inner dimensions differ.
    public func multiplied(by other: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard columns == other.rows else {
            throw .dimensionMismatch(
                "a \(rows) × \(columns) matrix times a \(other.rows) × \(other.columns) matrix")
        }
        var result = Matrix(rows: rows, columns: other.columns)
        for j in 0..<other.columns {
            for k in 0..<columns {
                let v = other.elements[k + j * other.rows]
                if v == 0 { continue }
                for i in 0..<rows { result.elements[i + j * rows] += elements[i + k * rows] * v }
            }
        }
        return result
    }
}

extension Matrix {
    /// Every element multiplied by `factor`.
    public func scaled(by factor: Double) -> Matrix {
        var m = self
        for i in 0..<m.elements.count { m.elements[i] *= factor }
        return m
    }
}
