using ChatAnalyst.Bot.Bots;
using ChatAnalyst.Bot.Hosting;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace ChatAnalyst.Tests.Bot;

public sealed class BotUnitTests
{
    [Theory]
    [InlineData("help", BotCommand.Help)]
    [InlineData(" /HELP ", BotCommand.Help)]
    [InlineData("reset", BotCommand.Reset)]
    [InlineData("重置", BotCommand.Reset)]
    [InlineData("Sources", BotCommand.Sources)]
    [InlineData("sources of the figures on robot density", BotCommand.None)]
    [InlineData("help me find robot density", BotCommand.None)]
    public void Commands_are_recognised_only_as_whole_messages(string text, BotCommand expected) =>
        Assert.Equal(expected, MessageText.Command(text));

    [Fact]
    public void Mention_of_the_bot_and_markup_are_removed_from_the_question()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "<at>ChatAnalyst</at>  How big   was the <b>AI</b> industry?",
            Recipient = new ChannelAccount("bot-1", "ChatAnalyst"),
            Entities = [new Mention(new ChannelAccount("bot-1", "ChatAnalyst"), "<at>ChatAnalyst</at>")],
        };

        Assert.Equal("How big was the AI industry?", MessageText.Clean(activity));
    }

    [Fact]
    public void Without_an_app_id_a_public_url_is_rewritten_to_loopback_with_a_warning()
    {
        var configuration = Configuration(("urls", "http://0.0.0.0:3978"));

        var urls = BotCredentialsGuard.ResolveUrls(configuration, new FakeEnvironment("Development"), out var warning);

        Assert.Equal(["http://localhost:3978"], urls);
        Assert.Contains("loopback", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void With_an_app_id_the_configured_urls_are_kept()
    {
        var configuration = Configuration(("urls", "http://0.0.0.0:3978"), ("MicrosoftAppId", "00000000-0000-0000-0000-000000000001"));

        var urls = BotCredentialsGuard.ResolveUrls(configuration, new FakeEnvironment("Production"), out var warning);

        Assert.Equal(["http://0.0.0.0:3978"], urls);
        Assert.Null(warning);
    }

    [Fact]
    public void Without_urls_the_http_ports_variable_decides_the_port_and_anonymous_mode_keeps_it_on_loopback()
    {
        var configuration = Configuration(("http_ports", "8080"));

        var urls = BotCredentialsGuard.ResolveUrls(configuration, new FakeEnvironment("Development"), out _);

        Assert.Equal(["http://localhost:8080"], urls);
    }

    [Fact]
    public void With_an_app_id_http_and_https_ports_listen_on_every_interface_and_urls_outrank_them()
    {
        var appId = ("MicrosoftAppId", "00000000-0000-0000-0000-000000000001");

        var ports = BotCredentialsGuard.ResolveUrls(Configuration(("http_ports", "8080;8081"), ("https_ports", "8443"), appId), new FakeEnvironment("Production"), out _);
        var urls = BotCredentialsGuard.ResolveUrls(Configuration(("urls", "http://0.0.0.0:5000"), ("http_ports", "8080"), appId), new FakeEnvironment("Production"), out _);

        Assert.Equal(["http://*:8080", "http://*:8081", "https://*:8443"], ports);
        Assert.Equal(["http://0.0.0.0:5000"], urls);
    }

    [Fact]
    public void Production_allows_anonymous_mode_only_when_the_setting_says_so()
    {
        var configuration = Configuration(("ChatAnalyst:Bot:AllowAnonymous", "true"));

        var urls = BotCredentialsGuard.ResolveUrls(configuration, new FakeEnvironment("Production"), out _);

        Assert.Equal([BotCredentialsGuard.DefaultUrl], urls);
        var refused = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => BotCredentialsGuard.ResolveUrls(Configuration(), new FakeEnvironment("Production"), out _));
        Assert.Contains("ChatAnalyst:Bot:AllowAnonymous", refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private sealed class FakeEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Fact]
    public void An_example_question_too_long_for_its_button_fails_validation_naming_the_key()
    {
        var options = new ChatAnalyst.Bot.BotOptions { ExampleQuestions = ["What was output in 2024?", new string('x', 41)] };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);

        Assert.False(valid);
        var error = Assert.Single(results).ErrorMessage;
        Assert.StartsWith("ChatAnalyst:Bot:ExampleQuestions:1 is 41 characters long", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_link_only_to_web_addresses_and_keep_titles_literal()
    {
        var answer = new ChatAnalyst.Orchestration.Answers.AnalystAnswer(
            "Output rose 9.2% in 2025 [1]. Exports reached 51.01 billion US dollars [2].",
            [
                new(1, "a.md", "Output [final] *data*", "https://example.org/a", "NBS", new DateOnly(2025, 1, 17), "Output rose 9.2% in 2025."),
                new(2, "b.txt", "Exports note", "file:///srv/knowledge/b.txt", null, null, "Exports reached 51.01 billion US dollars."),
            ],
            []);

        var renderer = new ChatAnalyst.Bot.Rendering.AnswerRenderer(Microsoft.Extensions.Options.Options.Create(new ChatAnalyst.Bot.BotOptions()));
        var text = renderer.Render(answer, new ChatAnalyst.Bot.Rendering.ReplyChannel(IsTeams: false, IsPersonal: true)).Text;

        Assert.Contains(@"[1] [Output \[final\] \*data\*](https://example.org/a) — NBS, 17 Jan 2025", text, StringComparison.Ordinal);
        Assert.Contains("[2] Exports note", text, StringComparison.Ordinal);
        Assert.DoesNotContain("file://", text, StringComparison.Ordinal);
    }
}
