using MiniExcelLibs;

namespace GenImageFactory.Server.Tests.Support;

/// <summary>Reads exported workbooks back with the XLSX library: sheets of rows keyed by the header row.</summary>
public static class Workbooks
{
    public static List<string> SheetNames(byte[] xlsx) => MiniExcel.GetSheetNames(new MemoryStream(xlsx));

    public static List<Dictionary<string, object?>> Rows(byte[] xlsx, string sheet) =>
        MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true, sheetName: sheet)
            .Cast<IDictionary<string, object?>>()
            .Select(row => new Dictionary<string, object?>(row))
            .ToList();

    public static Task<List<string>> AllCellsAsync(byte[] xlsx) => Task.FromResult(
        SheetNames(xlsx).SelectMany(sheet => Rows(xlsx, sheet)).SelectMany(row => row.Select(c => $"{c.Key}={c.Value}")).ToList());
}
