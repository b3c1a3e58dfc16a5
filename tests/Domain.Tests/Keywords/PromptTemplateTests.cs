using GenImageFactory.Domain.Keywords;

namespace GenImageFactory.Domain.Tests.Keywords;

public class PromptTemplateTests
{
    private static readonly KeywordTable Text = KeywordTable.Parse("cat", "txt", "")!;
    private static readonly KeywordTable Csv = KeywordTable.Parse("Subject,Style\ncat,oil", "csv", "")!;

    [Theory]
    [InlineData("a {keyword} photo", "a cat photo")]
    [InlineData("a ${keyword} photo", "a cat photo")]
    [InlineData("a ${{Subject}} photo", "a cat photo")]
    [InlineData("a ${{ keyword }} photo", "a cat photo")]
    [InlineData("{keyword} and {keyword}", "cat and cat")]
    public void Fill_TextKeyword_ReplacesEveryKeywordPlaceholder(string template, string expected) =>
        Assert.Equal(expected, PromptTemplate.Fill(template, Text, Text.Rows[0]));

    [Fact]
    public void Fill_CsvRow_ReplacesColumnsIgnoringCase_AndKeywordIsTheFirstColumn() =>
        Assert.Equal("cat painted in oil (cat)", PromptTemplate.Fill("${{subject}} painted in ${{STYLE}} (${keyword})", Csv, Csv.Rows[0]));

    [Fact]
    public void Fill_ValueContainingAPlaceholder_IsNotExpandedAgain()
    {
        var table = KeywordTable.Parse("{keyword}", "txt", "")!;

        Assert.Equal("x {keyword} y", PromptTemplate.Fill("x {keyword} y", table, table.Rows[0]));
    }

    [Fact]
    public void Fill_TemplateWithoutPlaceholder_AppendsTheKeyword() =>
        Assert.Equal("a sunny meadow, cat", PromptTemplate.Fill("a sunny meadow", Text, Text.Rows[0]));

    [Fact]
    public void Fill_TemplateWithoutPlaceholderAndEmptyKeyword_IsTheTemplate()
    {
        var empty = KeywordTable.Parse("", "txt", "")!;

        Assert.Equal("a sunny meadow", PromptTemplate.Fill("a sunny meadow", empty, empty.Rows[0]));
    }

    [Fact]
    public void UnknownPlaceholders_NamesOnlyThoseNoColumnOrAliasFills() =>
        Assert.Equal(["Colour"], PromptTemplate.UnknownPlaceholders("${{Subject}} ${{Style}} ${{Colour}} ${{Keyword}}", Csv));
}
