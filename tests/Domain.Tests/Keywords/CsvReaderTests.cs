using GenImageFactory.Domain.Keywords;

namespace GenImageFactory.Domain.Tests.Keywords;

public class CsvReaderTests
{
    [Theory]
    [InlineData("x\"\"\"y", "x\"\"\"y")]
    [InlineData("\"a\"\"b\"", "a\"b")]
    [InlineData("  \"quoted, with comma\"", "quoted, with comma")]
    [InlineData("a\"b", "a\"b")]
    public void Parse_QuotesOnlyOpenAFieldAtItsStart(string line, string expected)
    {
        var records = CsvReader.Parse("H\n" + line, out var error);

        Assert.Null(error);
        Assert.Equal(expected, records![1][0]);
    }

    [Fact]
    public void Parse_AMegabyteOfQuotesAfterText_IsOneLiteralField()
    {
        var quotes = new string('"', 1024 * 1024);

        var records = CsvReader.Parse("H\nx" + quotes, out var error);

        Assert.Null(error);
        Assert.Equal("x" + quotes, records![1][0]);
    }
}
