using System.Text;
using Geralt;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Accounts;

/// <summary>
/// Argon2id through libsodium (Geralt): hashes are PHC strings that carry their own parameters,
/// so raising the parameters makes old hashes "need rehash" at the next sign-in. A semaphore
/// caps how many hashes run at once on this node; the rest wait their turn.
/// </summary>
public sealed class PasswordHasher : IDisposable
{
    private readonly PasswordHashingOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly Lazy<char[]> _decoy;

    public PasswordHasher(IOptions<AccountOptions> options)
    {
        _options = options.Value.PasswordHashing;
        _slots = new SemaphoreSlim(_options.MaxConcurrent, _options.MaxConcurrent);
        // Verified against when an address is unknown, so that answer takes as long as a real one.
        _decoy = new Lazy<char[]>(() => Compute(Guid.NewGuid().ToString("N")));
    }

    private int MemoryBytes => _options.MemoryKiB * 1024;

    public Task<string> HashAsync(string password) =>
        RunCapped(() => new string(Compute(password)).TrimEnd('\0'));

    /// <returns>Whether it matches, and whether the stored hash uses weaker parameters than today's.</returns>
    public Task<(bool Matches, bool NeedsRehash)> VerifyAsync(string storedHash, string password) =>
        RunCapped(() =>
        {
            var stored = storedHash.ToCharArray();
            var matches = Argon2id.VerifyHash(stored, Encoding.UTF8.GetBytes(password));
            return (matches, matches && Argon2id.NeedsRehash(stored, _options.Iterations, MemoryBytes));
        });

    /// <summary>Spends the time of one verification without any account to verify.</summary>
    public Task VerifyDecoyAsync(string password) =>
        RunCapped(() => Argon2id.VerifyHash(_decoy.Value, Encoding.UTF8.GetBytes(password)));

    private char[] Compute(string password)
    {
        var hash = new char[Argon2id.HashSize];
        Argon2id.ComputeHash(hash, Encoding.UTF8.GetBytes(password), _options.Iterations, MemoryBytes);
        return hash;
    }

    private async Task<T> RunCapped<T>(Func<T> work)
    {
        await _slots.WaitAsync();
        try
        {
            // Off the caller's scheduler: a grain turn must not burn tens of milliseconds of CPU.
            return await Task.Run(work);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
