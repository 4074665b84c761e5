import XCTest
import Ecostress

/// Table-driven: real-world ECOSTRESS names (LP DAAC Collection 2 tiles, AppEEARS orders).
final class EcostressFileNameTests: XCTestCase {
    private struct Case {
        let name: String
        let convention: EcostressFileName.Convention
        let product: String, layer: String, iso: String, doy: Int
        var tile: String? = nil, orbit: Int? = nil, scene: Int? = nil, aid: String? = nil
    }

    private let cases: [Case] = [
        Case(name: "ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_LST.tif", convention: .collection2,
             product: "L2T_LSTE", layer: "LST", iso: "2023-07-12T10:13:22Z", doy: 193, tile: "33TWL", orbit: 28547, scene: 5),
        Case(name: "ECOv002_L2T_LSTE_35698_014_11SPS_20241022T181553_0713_01_LST_err.tif", convention: .collection2,
             product: "L2T_LSTE", layer: "LST_err", iso: "2024-10-22T18:15:53Z", doy: 296, tile: "11SPS", orbit: 35698, scene: 14),
        Case(name: "ECOv002_L2T_LSTE_26372_003_21LYG_20230224T094413_0710_01_view_zenith.tif", convention: .collection2,
             product: "L2T_LSTE", layer: "view_zenith", iso: "2023-02-24T09:44:13Z", doy: 55, tile: "21LYG", orbit: 26372, scene: 3),
        Case(name: "ECOv002_L3T_JET_35698_014_11SPS_20241022T181553_0713_01_ETdaily.tif", convention: .collection2,
             product: "L3T_JET", layer: "ETdaily", iso: "2024-10-22T18:15:53Z", doy: 296, tile: "11SPS", orbit: 35698, scene: 14),
        Case(name: "ECOv002_L3T_ET_PT-JPL_30012_007_22KEV_20231101T120000_0712_02_ETinst.tif", convention: .collection2,
             product: "L3T_ET_PT-JPL", layer: "ETinst", iso: "2023-11-01T12:00:00Z", doy: 305, tile: "22KEV", orbit: 30012, scene: 7),
        Case(name: "ECOv002_L4T_ESI_29101_002_18TVK_20240229T235959_0712_01_ESI.TIF", convention: .collection2,
             product: "L4T_ESI", layer: "ESI", iso: "2024-02-29T23:59:59Z", doy: 60, tile: "18TVK", orbit: 29101, scene: 2),
        Case(name: "ECOv002_L2T_STARS_11SPS_20230801_0700_01_NDVI.tif", convention: .collection2,
             product: "L2T_STARS", layer: "NDVI", iso: "2023-08-01T00:00:00Z", doy: 213, tile: "11SPS"),
        Case(name: "/data/eco/ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_cloud.tif", convention: .collection2,
             product: "L2T_LSTE", layer: "cloud", iso: "2023-07-12T10:13:22Z", doy: 193, tile: "33TWL", orbit: 28547, scene: 5),
        Case(name: "ECO_L2T_LSTE.002_LST_doy2018217153917_aid0001_21S.tif", convention: .appeears,
             product: "L2T_LSTE", layer: "LST", iso: "2018-08-05T15:39:17Z", doy: 217, tile: "21S", aid: "0001"),
        Case(name: "ECO_L2T_LSTE.002_QC_doy2023193101322_aid0001_33N.tif", convention: .appeears,
             product: "L2T_LSTE", layer: "QC", iso: "2023-07-12T10:13:22Z", doy: 193, tile: "33N", aid: "0001"),
        Case(name: "ECO2LSTE.001_SDS_LST_doy2018217153917_aid0001.tif", convention: .appeears,
             product: "ECO2LSTE", layer: "LST", iso: "2018-08-05T15:39:17Z", doy: 217, aid: "0001"),
        Case(name: "ECO2LSTE.001_SDS_LST_err_doy2020001000000_aid0012.tif", convention: .appeears,
             product: "ECO2LSTE", layer: "LST_err", iso: "2020-01-01T00:00:00Z", doy: 1, aid: "0012"),
        Case(name: "ECO3ETPTJPL.001_EVAPOTRANSPIRATION_PT_JPL_ETdaily_doy2020366235959_aid0003.tif", convention: .appeears,
             product: "ECO3ETPTJPL", layer: "EVAPOTRANSPIRATION_PT_JPL_ETdaily", iso: "2020-12-31T23:59:59Z", doy: 366, aid: "0003"),
    ]

    func testRealWorldNames() throws {
        for c in cases {
            let n = try EcostressFileName(c.name)
            XCTAssertEqual(n.convention, c.convention, c.name)
            XCTAssertEqual(n.product, c.product, c.name)
            XCTAssertEqual(n.layer, c.layer, c.name)
            XCTAssertEqual(n.acquired.iso8601, c.iso, c.name)
            XCTAssertEqual(n.acquired.dayOfYear, c.doy, c.name)
            XCTAssertEqual(n.tile, c.tile, c.name)
            XCTAssertEqual(n.orbit, c.orbit, c.name)
            XCTAssertEqual(n.scene, c.scene, c.name)
            XCTAssertEqual(n.aid, c.aid, c.name)
            // The name is rebuilt exactly from its parts.
            XCTAssertEqual(n.companion(layer: n.layer), n.fileName, c.name)
        }
    }

    func testCompanionLayersAndGranule() throws {
        let lst = try EcostressFileName("ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_LST.tif")
        XCTAssertEqual(lst.companion(layer: "cloud"), "ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_cloud.tif")
        XCTAssertEqual(lst.build, "0710")
        XCTAssertEqual(lst.iteration, "01")
        let qc = try EcostressFileName("ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_QC.tif")
        XCTAssertEqual(lst.granule, qc.granule)
        let classic = try EcostressFileName("ECO2LSTE.001_SDS_LST_doy2018217153917_aid0001.tif")
        XCTAssertEqual(classic.companion(layer: "QC"), "ECO2LSTE.001_SDS_QC_doy2018217153917_aid0001.tif")
    }

    /// Unknown names: the error names the part that did not match.
    func testUnknownNamesSayWhichPartDidNotMatch() {
        let bad: [(String, String)] = [
            ("dem_utm33n.tif", "prefix"),
            ("ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_LST.nc", "extension"),
            ("ECOv002_L2T_LSTE_28547_005_20230712T101322_0710_01_LST.tif", "tile"),
            ("ECOv002_L2T_LSTE_2854_005_33TWL_20230712T101322_0710_01_LST.tif", "orbit/scene"),
            ("ECOv002_28547_005_33TWL_20230712T101322_0710_01_LST.tif", "product"),
            ("ECOv002_L2T_LSTE_28547_005_33TWL_20231312T101322_0710_01_LST.tif", "date-time"),
            ("ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_710_01_LST.tif", "build"),
            ("ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_1_LST.tif", "iteration"),
            ("ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01.tif", "layer"),
            ("ECOvX02_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_LST.tif", "collection"),
            ("ECO_L2T_LSTE_LST_doy2018217153917_aid0001_21S.tif", "product.version"),
            ("ECO_L2T_LSTE.02_LST_doy2018217153917_aid0001_21S.tif", "version"),
            ("ECO_L2T_LSTE.002_LST_2018217153917_aid0001_21S.tif", "doy"),
            ("ECO_L2T_LSTE.002_LST_doy2018400153917_aid0001_21S.tif", "date-time"),
            ("ECO_L2T_LSTE.002_LST_doy2018217153917_id0001_21S.tif", "aid"),
        ]
        for (name, part) in bad {
            XCTAssertThrowsError(try EcostressFileName(name), name) { error in
                let e = error as! EcostressNameError
                XCTAssertEqual(e.part, part, "\(name): \(e)")
                XCTAssertTrue(e.description.hasPrefix(name.split(separator: "/").last.map(String.init)!), e.description)
                XCTAssertFalse(e.description.contains("\n"))
            }
        }
    }

    func testTimestampCalendar() throws {
        XCTAssertNil(EcostressTimestamp(year: 2023, month: 2, day: 29))
        XCTAssertEqual(EcostressTimestamp(year: 2024, month: 12, day: 31)?.dayOfYear, 366)
        XCTAssertEqual(EcostressTimestamp(year: 2023, dayOfYear: 60)?.isoDate, "2023-03-01")
        XCTAssertNil(EcostressTimestamp(year: 2023, dayOfYear: 366))
        XCTAssertEqual(EcostressTimestamp(year: 2023, month: 7, day: 12, hour: 10, minute: 13, second: 22)?.timeOfDay, "10:13:22")
    }
}
