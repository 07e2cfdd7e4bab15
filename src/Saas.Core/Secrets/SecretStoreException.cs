namespace Saas.Core.Secrets;

/// <summary>
/// The secret store could not do what was asked (vault throttled, down or refusing, keys missing). The message names
/// the secret and the cause, never its value; the inner exception is the store's own error.
/// </summary>
public sealed class SecretStoreException : Exception
{
    public SecretStoreException()
    {
    }

    public SecretStoreException(string message)
        : base(message)
    {
    }

    public SecretStoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
