import Foundation
import GeoSupport
import XCTest

final class OutputGuardTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = ContainedPath.resolve(NSTemporaryDirectory() + "output-guard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: dir + "/a.tif", contents: Data("a".utf8))
        FileManager.default.createFile(atPath: dir + "/b.tif", contents: Data("b".utf8))
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.tif", withDestinationPath: "a.tif")
        try FileManager.default.createSymbolicLink(atPath: dir + "/subdir-link", withDestinationPath: dir + "/sub")
        XCTAssertEqual(link(dir + "/a.tif", dir + "/hard.tif"), 0)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func clash(_ inputs: [String], _ outputs: [PlannedOutput]) -> OutputClash? {
        do { try OutputGuard.check(inputs: inputs, outputs: outputs, base: dir); return nil } catch { return error }
    }

    func testEverySpellingOfTheInputIsRefused() {
        for spelling in ["a.tif", dir + "/a.tif", "./a.tif", "sub/../a.tif", "./sub/./../a.tif", "link.tif", "hard.tif",
                         "subdir-link/../a.tif"] {
            let c = clash(["a.tif"], [.file(spelling)])
            XCTAssertNotNil(c, spelling)
            XCTAssertEqual(c?.output, spelling)
            XCTAssertEqual(c?.input, "a.tif")
        }
        XCTAssertEqual(clash(["a.tif"], [.file("hard.tif")])?.hardLink, true)
        XCTAssertEqual(clash(["link.tif"], [.file("a.tif")])?.hardLink, false, "a symbolic link resolves to the file")
    }

    func testOtherFilesPass() {
        XCTAssertNil(clash(["a.tif"], [.file("b.tif"), .file("new.tif"), .file("sub/a.tif")]))
        XCTAssertNil(clash([], [.file("a.tif")]))
        XCTAssertNil(clash(["a.tif"], [.files(in: "sub", matching: { $0 == "a.tif" })]))
    }

    func testNonexistentInputAndOutputCompareByPath() {
        XCTAssertNotNil(clash(["missing.tif"], [.file("./sub/../missing.tif")]))
    }

    func testDirectoryOutputsHoldingAnInputAreRefused() {
        XCTAssertNotNil(clash(["sub/models.csv"], [.directory("sub")]))
        XCTAssertNotNil(clash(["subdir-link/models.csv"], [.directory("sub")]), "through a link")
        XCTAssertEqual(clash(["sub/models.csv"], [.directory("sub")])?.outputIsDirectory, true)
        XCTAssertNil(clash(["a.tif"], [.directory("sub")]))
    }

    func testPatternOutputsMatchInputsByNameAndByInode() throws {
        let snapshots: PlannedOutput = .files(in: "sub", matching: { $0.hasPrefix("step") && $0.hasSuffix(".tif") })
        XCTAssertNotNil(clash(["sub/step000010.tif"], [snapshots]), "an input named like a snapshot (not existing yet)")
        XCTAssertNotNil(clash(["subdir-link/step1.tif"], [snapshots]), "through a link")
        XCTAssertEqual(link(dir + "/b.tif", dir + "/sub/step000020.tif"), 0)
        let c = clash(["b.tif"], [snapshots])
        XCTAssertEqual(c?.output, "sub/step000020.tif", "an existing snapshot that is a hard link of an input")
        XCTAssertNil(clash(["b.tif"], [.files(in: "sub", matching: { $0 == "other.tif" })]))
    }

    func testMessageIsOneLineNamingOutputAndInput() throws {
        let c = try XCTUnwrap(clash(["a.tif"], [.file("link.tif")]))
        XCTAssertTrue(c.description.contains("link.tif") && c.description.contains("a.tif"), c.description)
        XCTAssertTrue(c.description.contains(dir + "/a.tif"), "names the real file: \(c.description)")
        XCTAssertFalse(c.description.contains("\n"))
    }

    func testFileIdentity() {
        XCTAssertTrue(FileIdentity("a.tif", base: dir).isSameFile(as: FileIdentity("hard.tif", base: dir)))
        XCTAssertFalse(FileIdentity("a.tif", base: dir).isSameFile(as: FileIdentity("b.tif", base: dir)))
        XCTAssertNil(FileIdentity("nothing", base: dir).deviceAndInode)
        XCTAssertTrue(FileIdentity("sub/x", base: dir).isInside(FileIdentity("subdir-link", base: dir)))
        XCTAssertFalse(FileIdentity("subx/x", base: dir).isInside(FileIdentity("sub", base: dir)))
    }
}
