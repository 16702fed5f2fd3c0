using ChitLaq.Benchmarks;

// Hand-run benchmarks (not tests). See README "Benchmarks".
//   hash                       cost of one password hash with the production parameters
//   feed <baseUrl> <mailDir>   home-feed reads under concurrent writes against a running node
//   chat <baseUrl> <mailDir>   hub connections sending 1 message/s each in 1:1 and 10-member groups
//   search <baseUrl> <mailDir> setup N | query TOKEN PER_SECOND SECONDS WORDS   (driven by tests/load/search-load.sh)
//   media <baseUrl> <mailDir> [uploads=20]   upload-to-URL time of 3 MB photos (driven by tests/load/media-load.sh)
//   push <baseUrl> <mailDir> <pushServiceUrl> [pairs=200] [messages=5]   Web Push to a local push service (tests/load/push-load.sh)
//   storm <baseUrl> <dataDir> [registered] [online] [connectSeconds] [chatSeconds] [follows]   9 a.m. (tests/load/morning-storm.sh)
return args.FirstOrDefault() switch
{
    "hash" => await HashBenchmark.RunAsync(),
    "feed" when args.Length >= 3 => await FeedLoad.RunAsync(new Uri(args[1]), args[2], args.Skip(3).ToArray()),
    "chat" when args.Length >= 3 => await ChatLoad.RunAsync(new Uri(args[1]), args[2], args.Skip(3).ToArray()),
    "search" when args.Length >= 4 => await SearchLoad.RunAsync(new Uri(args[1]), args[2], args.Skip(3).ToArray()),
    "media" when args.Length >= 3 => await MediaLoad.RunAsync(new Uri(args[1]), args[2], args.Skip(3).ToArray()),
    "push" when args.Length >= 4 => await PushLoad.RunAsync(new Uri(args[1]), args[2], new Uri(args[3]), args.Skip(4).ToArray()),
    "storm" when args.Length >= 3 => await MorningStorm.RunAsync(new Uri(args[1]), args[2], args.Skip(3).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: hash | feed <baseUrl> <mailDir> [users=200] [readers=32] [seconds=30] [postsPerSecond=100]"
        + " | chat <baseUrl> <mailDir> [connections=2000] [seconds=30]"
        + " | search <baseUrl> <mailDir> (setup N | query TOKEN PER_SECOND SECONDS WORDS)"
        + " | media <baseUrl> <mailDir> [uploads=20]"
        + " | push <baseUrl> <mailDir> <pushServiceUrl> [pairs=200] [messages=5]"
        + " | storm <baseUrl> <dataDir> [registered=20000] [online=2000] [connectSeconds=60] [chatSeconds=30] [follows=150]");
    return 2;
}
