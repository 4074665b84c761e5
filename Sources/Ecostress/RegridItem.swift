/// One unit of regrid work: a layer file of one acquisition, for one variable.
public struct RegridItem: Sendable, Equatable {
    /// The layer (variable) the file holds.
    public let variable: String
    /// The file.
    public let file: String
    /// Its acquisition time.
    public let acquired: EcostressTimestamp

    public init(variable: String, file: String, acquired: EcostressTimestamp) {
        self.variable = variable
        self.file = file
        self.acquired = acquired
    }
}
