import Foundation

/// A small dataset in the layout of `Datasets/` with one finding of each kind the data checks of
/// issue 11 look for (aliases decided or not by the source, thousands in counts, numbers too large,
/// parent cycles, a target before the data): errors where a number would be wrong, warnings where
/// it may be. The comments give each observation's line.
public let datasetWithFindings: [String: String] = [
    "sources.csv": "id,title,issuer,document_number,date,file\ns_a,Report A,UBND tỉnh A,1/BC,2024-01-01,a.txt\ns_b,Report B,UBND tỉnh B,2/BC,2024-01-01,b.txt\ns_x,Report X,Someone else,3/BC,2024-01-01,x.txt\n",
    "indicators.csv": "id,name_vi,name_en,unit,kind,lower,upper,direction,measure,parent,ranks,definition\nsh,Tỷ lệ,Share,percent,share,0,100,up,stock,,,\nct,Số,Count,count,count,0,,up,stock,,,\n",
    "entities.csv": "id,name_vi,name_en,level,parent,aliases\n"
        + "pa,tỉnh A,Province A,province,,UBND tỉnh A\npb,tỉnh B,Province B,province,,UBND tỉnh B\n"
        + "fa,Sở Tài chính tỉnh A,Finance A,department,pa,Sở Tài chính\nfb,Sở Tài chính tỉnh B,Finance B,department,pb,Sở Tài chính\n"
        + "odd,Odd,Odd,department,pa,???\nloop,Loop,Loop,district,loop,\nc1,C1,C1,district,c2,\nc2,C2,C2,district,c1,\n",
    "observations.csv": "indicator,entity,period,value,numerator,denominator,source,locator,note\n"
        + "sh,Sở Tài chính,2023,50,1,2,s_a,,\n"            // line 2: decided by the source's issuer (tỉnh A) → fa
        + "sh,Sở Tài chính,2023,50,1,2,s_x,,\n"            // line 3: not decided → error
        + "sh,???,2022,50,1,2,s_a,,\n"                     // line 4: an alias of nothing → unknown entity
        + "sh,pa,2023,50,1.045,2.090,s_a,,\n"              // line 5: thousands in counts → errors
        + "sh,pb,2023,50,1.5,3,s_b,,\n"                    // line 6: a fractional count → warning
        + "ct,pa,2023,1.045,,,s_a,,\n"                     // line 7: a count value like thousands → warning
        + "sh,pa,2022,50,1e308,2e300,s_a,,\n",             // line 8: too large → error
    "targets.csv": "indicator,entity,year,value,comparator,source,note\nsh,pa,1900,60,>=,s_a,\nsh,pa,2025,60,>=,s_a,\n",
]

/// Writes a dataset's files (name → text) into `folder`.
public func writeDataset(_ files: [String: String], to folder: URL) throws {
    for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
}
