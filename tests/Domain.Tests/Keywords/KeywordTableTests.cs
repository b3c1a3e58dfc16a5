using GenImageFactory.Domain.Configuration;
using GenImageFactory.Domain.Keywords;

namespace GenImageFactory.Domain.Tests.Keywords;

public class KeywordTableTests
{
    [Fact]
    public void Parse_Text_OneTrimmedKeywordPerLineSkippingBlanks()
    {
        var table = KeywordTable.Parse("  cat \r\n\n dog\n\t\nred fox, at dusk\n", "auto", "{keyword}")!;

        Assert.False(table.IsCsv);
        Assert.Equal(["cat", "dog", "red fox, at dusk"], table.Rows.Select(r => r[0]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n \n")]
    public void Parse_EmptyKeywords_IsOneEmptyRow(string keywords)
    {
        var table = KeywordTable.Parse(keywords, "auto", "a sunset")!;

        Assert.Equal([""], Assert.Single(table.Rows));
    }

    [Fact]
    public void Parse_CsvWithQuotedCommasQuotesAndNewlines_KeepsFieldsWhole()
    {
        const string csv = "Subject,Style\n\"cat, grey\",\"oil \"\"impasto\"\"\"\n\"two\nlines\",plain\n";

        var table = KeywordTable.Parse(csv, "auto", "${{Subject}} as ${{Style}}")!;

        Assert.True(table.IsCsv);
        Assert.Equal(["Subject", "Style"], table.Columns);
        Assert.Equal(["cat, grey", "oil \"impasto\""], table.Rows[0]);
        Assert.Equal(["two\nlines", "plain"], table.Rows[1]);
    }

    [Fact]
    public void Parse_CsvShortRow_IsPaddedWithEmptyValues()
    {
        var table = KeywordTable.Parse("A,B,C\nx\n", "csv", "${{A}}")!;

        Assert.Equal(["x", "", ""], Assert.Single(table.Rows));
    }

    [Fact]
    public void Parse_CommaLinesWithoutColumnPlaceholders_StayText()
    {
        var table = KeywordTable.Parse("red, blue\ngreen, gold", "auto", "{keyword}")!;

        Assert.False(table.IsCsv);
        Assert.Equal(2, table.Rows.Count);
    }

    [Theory]
    [InlineData("Subject\n\"never closed", "A quoted CSV field is never closed.")]
    [InlineData("Subject,Style\n", "CSV keywords need a header row and at least one data row.")]
    [InlineData("Subject,,Style\na,b,c", "Every CSV header column needs a name.")]
    [InlineData("Subject,subject\na,b", "CSV header column 'Subject' appears more than once.")]
    public void Parse_BadCsv_ReportsWhy(string csv, string message)
    {
        var errors = new ValidationErrors();

        var table = KeywordTable.Parse(csv, "csv", "${{Subject}}", errors);

        Assert.Null(table);
        Assert.Equal([message], errors.ToDictionary()["keywords"]);
    }
}
