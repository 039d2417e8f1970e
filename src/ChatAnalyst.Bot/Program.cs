using ChatAnalyst.Bot;

await BotApp.Build(args).RunAsync();
